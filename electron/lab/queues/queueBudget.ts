import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';

const errors = defineLabTexts('lab.error.queueBudget', {
  full:
    "queue.Full: the lab's queues hold {used} bytes of their {limit}-byte budget in total (queueBudgetBytes); " +
    '{queue} cannot take an item of {bytes} bytes ({call}). Get items out of any queue, or close one.',
});

/** 64 MiB: what every queue together may hold (items in, and items of blocked putters), a laptop's share for a lesson. */
export const DEFAULT_QUEUE_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * One byte budget for all the lab's queues: per-queue caps alone multiply (64 queues × 10,000
 * items × 64 KiB is 40 GiB). An item is charged from its put until a get takes it out (or its
 * blocked put gives up, or its queue closes); a put that would pass the budget raises Full.
 */
export class QueueBudget {
  private used = 0;
  private refused = 0;

  constructor(readonly limitBytes: number = DEFAULT_QUEUE_BUDGET_BYTES) {}

  /** Charges `bytes`, or throws queue.Full naming the budget (the charge is all or nothing). */
  reserve(bytes: number, queueName: string, call: string): void {
    if (this.used + bytes > this.limitBytes) {
      this.refused++;
      throw RpcError.said(ErrorCode.QueueFull, errors.full({ used: this.used, limit: this.limitBytes, queue: queueName, bytes, call }), {
        exception: 'Full',
        budget: 'queueBudgetBytes',
      });
    }
    this.used += bytes;
  }

  release(bytes: number): void {
    this.used -= bytes;
  }

  info(): { budgetBytes: number; usedBytes: number; refusedPuts: number } {
    return { budgetBytes: this.limitBytes, usedBytes: this.used, refusedPuts: this.refused };
  }
}
