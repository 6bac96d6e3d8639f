export { type EquitySample, equityOf, isUserAccount } from './equity-of';
export { EQUITY_SAMPLE_MS, EquitySampler, type EquitySamplerDeps } from './equity-sampler';
