// The one entry point through which the app loads messaging on demand (its UI, the session and the profile
// directory). A single dynamic entry keeps the bundler's chunking of the first page as it was: each extra dynamic
// entry that shares modules with it splits its chunks further, which made the browse page's JavaScript grow.
export { default as AskSeller } from "../components/messaging/ask-seller.tsx";
export { default as CheckoutAddress } from "../components/messaging/checkout-address.tsx";
export { default as HeaderInbox } from "../components/messaging/header-inbox.tsx";
export { default as OrderThread } from "../components/messaging/order-thread.tsx";
export { default as MessagesPage } from "../features/messaging/messages-page.tsx";
export { exportSecret, importSecret, loadKey, saveKey } from "../lib/messaging/key-store.ts";
export { getRuntime } from "../lib/messaging/runtime.ts";
export { resumeSession, startSession } from "../lib/messaging/session.ts";
