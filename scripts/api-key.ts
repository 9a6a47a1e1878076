/**
 * Prints a new random API key for the survey reports and the SHA-256 digest to configure:
 * the service keeps only digests (REPORTS_API_KEYS), never keys.
 */
import { createHash, randomBytes } from 'node:crypto';

const key = randomBytes(32).toString('base64url');
const digest = createHash('sha256').update(key).digest('hex');
console.log(`API key (give it to the client, header X-Api-Key): ${key}`);
console.log(`digest (add it to REPORTS_API_KEYS, comma-separated): ${digest}`);
