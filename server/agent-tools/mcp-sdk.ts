/**
 * The MCP SDK, loaded on the first MCP request rather than with the plugin: the SDK and the schema library it
 * brings (zod) held about 6 MB of the host's heap, a third of the plugin's own, in every host that never serves
 * an agent. V8 sizes the next heap limit as a multiple of what survives a collection, so that idle 6 MB also
 * lifted the peak of every large sync.
 */
export type McpSdk = typeof import('@modelcontextprotocol/sdk/server/index.js') &
  typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js') &
  typeof import('@modelcontextprotocol/sdk/types.js');

let loading: Promise<McpSdk> | undefined;

/** The SDK's modules, loaded once (later calls share the first load). */
export function mcpSdk(): Promise<McpSdk> {
  loading ??= Promise.all([
    import('@modelcontextprotocol/sdk/server/index.js'),
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]).then(([server, transport, types]) => ({ ...types, ...transport, ...server }));
  loading.catch(() => (loading = undefined)); // a failed load is tried again by the next request
  return loading;
}
