export { type EcrHost, type EcrPartition, isEcrPublicHost, parseEcrHost } from './host.js';
