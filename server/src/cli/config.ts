// The CLI's configuration discovery is the host-neutral one the language server uses too.
export { ConfigResolver, type ConfigResolverOptions, type ResolvedConfig } from '../node/configDiscovery';
