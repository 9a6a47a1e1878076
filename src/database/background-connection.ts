import { InjectConnection } from '@nestjs/mongoose';

/** The background work's Mongoose connection (DatabaseModule): its own small pool. */
export const BACKGROUND_CONNECTION = 'background';

/** Injects the background connection, for a repository's background statements. */
export const InjectBackgroundConnection = () => InjectConnection(BACKGROUND_CONNECTION);
