// `@souk/sdk/messaging`: keys bound to wallets, profiles, NIP-17 gift-wrapped messages and transcripts. It brings
// nostr-tools' crypto along: import it lazily in a browser, where only the pages that message need it.
export * from "./messaging/binding.ts";
export * from "./messaging/gift-wrap.ts";
export * from "./messaging/key-setup.ts";
export * from "./messaging/keys.ts";
export * from "./messaging/message.ts";
export * from "./messaging/profile.ts";
export * from "./messaging/signer.ts";
export * from "./messaging/transcript.ts";
export * from "./messaging/classified.ts";
