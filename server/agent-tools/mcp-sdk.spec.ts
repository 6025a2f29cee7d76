const SDK_MODULES = ['@modelcontextprotocol/sdk/server/index.js', '@modelcontextprotocol/sdk/server/streamableHttp.js', '@modelcontextprotocol/sdk/types.js'];

describe('mcpSdk', () => {
  it('is not loaded with the plugin, only by the first MCP request, and then once', async () => {
    const loaded: string[] = [];
    let load!: () => Promise<{ Server: unknown; StreamableHTTPServerTransport: unknown; McpError: unknown; CallToolRequestSchema: unknown }>;
    jest.isolateModules(() => {
      for (const name of SDK_MODULES) jest.doMock(name, () => (loaded.push(name), jest.requireActual(name)));
      require('../index'); // the plugin's public surface: the module, its controllers (McpController among them), services
      load = require('./mcp-sdk').mcpSdk;
    });
    expect(loaded).toEqual([]);

    const sdk = await load();
    expect(loaded.sort()).toEqual([...SDK_MODULES].sort());
    expect(typeof sdk.Server).toBe('function');
    expect(typeof sdk.StreamableHTTPServerTransport).toBe('function');
    expect(typeof sdk.McpError).toBe('function');
    expect(sdk.CallToolRequestSchema).toBeDefined();

    expect(await load()).toBe(sdk);
    expect(loaded).toHaveLength(SDK_MODULES.length);
  });
});
