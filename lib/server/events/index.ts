export type { EventView } from "./event-view";
export { getEvent, listEvents } from "./list-events";
export { recordDecisions } from "./record-decisions";
export { ListEventsInput } from "./schemas";
