// Notifications (placed where no action panel is, components/toast-stack.tsx): what the transaction helper and the pages tell the person. The <Toaster>
// component (components/toaster.tsx) provides the API; hooks/use-toasts.ts reads it.
import { createContext } from "react";

export type ToastTone = "info" | "pending" | "success" | "error";

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  message?: string;
  link?: { href: string; label: string };
}

export interface ToastApi {
  show(toast: Omit<Toast, "id">): number;
  update(id: number, toast: Omit<Toast, "id">): void;
  dismiss(id: number): void;
}

export const ToastContext = createContext<ToastApi | null>(null);
