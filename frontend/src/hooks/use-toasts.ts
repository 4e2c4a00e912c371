import { useContext } from "react";

import { ToastContext, type ToastApi } from "../lib/toasts.ts";

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (api === null) throw new Error("useToasts needs a <Toaster> above it");
  return api;
}
