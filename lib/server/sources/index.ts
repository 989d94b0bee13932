export {
  INGEST_TOKEN_PREFIX,
  authenticateIngestToken,
  createSource,
  listSources,
  revokeSource,
  touchSource,
  type IngestSource,
  type SourceView,
} from "./sources";
export { CreateSourceInput } from "./schemas";
