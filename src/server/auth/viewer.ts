// The viewer and its check live with the service context (../actor.ts), which every service takes.
export { authorizeViewer, type Viewer } from "../actor";
