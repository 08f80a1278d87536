// The ceiling: a bare Express 5 POST route that parses a small JSON body and answers a small JSON.
import express from 'express';

const app = express();
app.post('/', express.json(), (req, res) => {
  res.json({ success: true, message: 'Success', data: { echo: req.body?.amount ?? null }, queryGeneratedTime: Date.now() / 1000 });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
