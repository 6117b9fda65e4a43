// Runs before `npm start` and `npm test` on any Node version (plain JavaScript, no type stripping), so an
// old Node gets one clear line instead of "bad option: --experimental-strip-types".
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `ShopyVerse needs Node.js 22.12 or newer (Node 24 LTS recommended); this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}
