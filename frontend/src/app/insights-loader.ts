// The one import() of the insights, which load with the other on-demand pieces (deferred-ui.ts): the bundler writes
// the entry's chunk list once, here, rather than in every module that loads it.
export const loadInsights = () => import("./deferred-ui.ts");
