/**
 * The encoder worker (worker_threads): encodes one task per message, transferring the result back. Its
 * first message says it loaded: a worker that fails before it is a worker that could not start.
 */
import { parentPort } from 'node:worker_threads';
import { answer, READY } from '../pool/worker-answer.js';

const port = parentPort;
if (!port) throw new Error('node/worker.js must run in a worker thread');
port.on('message', (message: Parameters<typeof answer>[0]) => {
  void answer(message).then(({ reply, transfer }) => port.postMessage(reply, transfer));
});
port.postMessage(READY);
