export {
  API_TOKEN_PREFIX,
  authenticateApiToken,
  createApiToken,
  createApiTokenForUser,
  listApiTokens,
  revokeApiToken,
  type ApiTokenView,
} from "./api-tokens";
export { CreateApiTokenInput } from "./schemas";
