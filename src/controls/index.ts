/** The control catalog and its types: pure data, safe to import anywhere. */
export * from './types';
export * from './exception-scope';
export * from './catalog';
export * from './admission';
export * from './identity';
export * from './namespaces';
export * from './network';
export * from './flows';
export * from './rbac';
export * from './audit';
export * from './availability';
export * from './backup';
export * from './quota';
