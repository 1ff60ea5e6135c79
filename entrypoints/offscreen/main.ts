import { startEngineHost } from '@/lib/host/start-host';

startEngineHost();
