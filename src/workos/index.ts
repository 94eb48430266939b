// The WorkOS Directory Sync client. Knows nothing of VS Code; tested in plain Node.
export * from './base-url';
export * from './client';
export * from './errors';
export * from './ids';
export * from './keys';
export * from './pacer';
export * from './pagination';
export * from './scan';
export * from './types';
export * from './events';
