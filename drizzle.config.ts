import { defineConfig } from 'drizzle-kit';

// Used only by `npm run db:generate` (drizzle-kit); the service applies migrations itself.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
