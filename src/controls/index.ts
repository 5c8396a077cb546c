/** The control catalog and its types: pure data, safe to import anywhere. */
export * from './types';
export * from './catalog';
export * from './admission';
export * from './identity';
export * from './namespaces';
export * from './network';
export * from './flows';
export * from './rbac';
export * from './rbac-subjects';
export * from './tamper-protection';
export * from './audit';
export * from './availability';
export * from './backup';
export * from './quota';
export * from './exception-rules';
export * from './encryption';
export * from './supply-chain';
