import { namedDestinations } from './check/pdf-model.js';
import { readFileSync } from 'node:fs';
const d = await namedDestinations(new Uint8Array(readFileSync(process.argv[2]!)));
console.log(d.get('rezeknes-novads'), d.get('preilu-novads'), d.get('rezeknes-valstspilseta'));
