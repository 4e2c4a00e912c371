// The one import() of the analytics entry (insights-entry.ts): the bundler writes the entry's chunk list once, here,
// rather than in every module that loads it.
export const loadInsights = () => import("./insights-entry.ts");
