import { Injectable } from '@nestjs/common';

/** The time the plugin reasons with for long spans (the 90-day consent); tests move it with a spy. */
@Injectable()
export class Pax8Clock {
  now(): Date {
    return new Date();
  }
}
