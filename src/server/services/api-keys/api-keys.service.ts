// API keys of the integration API: made, listed and revoked by admins (or `npm run api-key:create`), shown once,
// stored as a hash; a bearer request becomes the key's actor, within its scopes and its requests per minute.
export { createApiKey, CreateApiKeyInput, listApiKeys, revokeApiKey, type ApiKeyDTO } from "./manage-api-keys";
export { authenticateApiKey, RateLimitedError, type RateLimitState } from "./authenticate-api-key";
export { API_KEY_PATTERN } from "./api-key-secret";
export { API_KEY_SCOPES, type ApiKeyScope } from "../../db/schema/api-keys";
