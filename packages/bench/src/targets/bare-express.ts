// The ceiling: a bare Express 5 POST route that parses a small JSON body and answers a small JSON.
// Served by app.listen, as Express documents. With APP_PROTOTYPES=1 the same app is served the way
// our server is (createAppServer: requests and responses made from the app's own prototypes), so
// the table also shows how much of a gap to the ceiling that serving method alone closes.
import { createAppServer } from '@checkout/server/app-server';
import express from 'express';

const app = express();
app.post('/', express.json(), (req, res) => {
  res.json({ success: true, message: 'Success', data: { echo: req.body?.amount ?? null }, queryGeneratedTime: Date.now() / 1000 });
});
const port = Number(process.env.PORT ?? 0);
const server = (process.env.APP_PROTOTYPES === '1' ? createAppServer(app) : app).listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
