// A bench page on loopback: one entry of bench/browser/ bundled with esbuild for both browsers,
// served at `/` with its script at `/bench.js`, and any files the bench serves beside it (a list
// to subscribe to). The origin is returned without a trailing slash.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESBUILD_TARGET } from './browsers.ts';

export interface BenchSite {
  url: string;
  close(): Promise<void>;
}

export async function serveBenchPage(root: string, entry: string, title: string, files: ReadonlyMap<string, Uint8Array> = new Map()): Promise<BenchSite> {
  const out = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'esm',
    write: false,
    target: ESBUILD_TARGET,
    logLevel: 'silent',
  });
  const js = out.outputFiles[0].text;
  const html = `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="/bench.js"></script>`;
  const server = http.createServer((req, res) => {
    const file = files.get(req.url ?? '');
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else if (file) res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.byteLength }).end(file);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}
