// Node has no IndexedDB; Dexie finds this in-memory one on the global scope.
import 'fake-indexeddb/auto';
