// The in-memory whitelist repository against the shared WhitelistRepo contract.
import { whitelistRepoContract } from './whitelist-repo.contract.js';
import { MemoryWhitelistRepo } from './whitelist.memory-repo.js';

whitelistRepoContract('memory', () => ({ repo: new MemoryWhitelistRepo(), close() {} }));
