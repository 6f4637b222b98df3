/** How many workers the platform can run at once, from the platform's worker host. */
export { hardwareConcurrency } from '#worker-host';
