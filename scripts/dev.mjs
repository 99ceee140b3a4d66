// `npm run dev`: starts Vite's dev server and says where the lab is. Vite prints the URL too; this
// line is for people who skim.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '5173';
console.log(`\nKarpenter Lab → http://localhost:${port}/  (Ctrl+C to stop)\n`);
const child = spawn('npx', ['vite', '--port', port, '--strictPort', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
child.on('exit', (code) => process.exit(code ?? 0));
