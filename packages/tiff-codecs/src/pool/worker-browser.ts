/**
 * The encoder worker (Web Worker): encodes one task per message, transferring the result back. Its
 * first message says it loaded: a worker that fails before it is a worker that could not start.
 */
import { answer, READY } from './worker-answer.js';

const scope = globalThis as unknown as {
  onmessage: ((event: { data: Parameters<typeof answer>[0] }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
};
scope.onmessage = (event) => {
  void answer(event.data).then(({ reply, transfer }) => scope.postMessage(reply, transfer));
};
scope.postMessage(READY, []);
