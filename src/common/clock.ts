import { Injectable } from '@nestjs/common';

/** The time, injected where expiry is judged, so that tests can move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
