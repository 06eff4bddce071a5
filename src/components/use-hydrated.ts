"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the server renders and while React hydrates that HTML, true from the render after: what only the
 * browser should render (a list whose data already travels as props) waits for it, so the page does not carry it
 * twice. A component mounted by a client navigation gets true at once.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
