// « Équipe »: what an admin does to a team member that reaches beyond the account (a disabled agent's alerts go back
// to the queue). The account's own verbs live in ../users; this area joins them to the alert store.
export { disableTeamMember, disableUserByEmail, enableTeamMember } from "./disable-team-member";
