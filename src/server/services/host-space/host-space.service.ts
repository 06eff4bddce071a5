// The host's read model (« Mes calendriers »): their own listings and feeds in plain words, taking the acting host.
export { listHostCalendars, type HostFeedView, type HostListingView } from "./host-calendars";
