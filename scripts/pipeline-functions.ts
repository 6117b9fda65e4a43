/**
 * `npm run pipeline:functions [-- --json]`: what `dagger call --help` would list for the module in
 * pipeline/, read offline by the SDK's own scanner (no engine needed).
 */
import { formatListing, scanModule } from './lib/dagger-scan.ts';

const module = await scanModule('pipeline/src', 'shopyverse-chatbot');
console.log(process.argv.includes('--json') ? JSON.stringify(module, null, 2) : formatListing(module));
