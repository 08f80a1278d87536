// Below the framework: node:http reading a small JSON body and answering a small JSON.
import http from 'node:http';

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    let amount: unknown = null;
    try {
      amount = (JSON.parse(body || '{}') as { amount?: unknown }).amount ?? null;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const text = JSON.stringify({ success: true, message: 'Success', data: { echo: amount }, queryGeneratedTime: Date.now() / 1000 });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
