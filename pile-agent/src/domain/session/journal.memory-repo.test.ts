// The memory journal against the shared JournalRepo / OutboxRepo contract.
import { journalRepoContract } from './journal-repo.contract.js';
import { MemoryJournalRepo } from './journal.memory-repo.js';

journalRepoContract('MemoryJournalRepo', () => {
  const repo = new MemoryJournalRepo();
  return { journal: repo, outbox: repo };
});
