import type { Job } from 'bullmq';
import { ProcessorDecoratorService } from '@nestjs/bullmq/dist/instrument/processor-decorator.service';
import { jobsProcessed, requestContext } from '@causeway/observability';

type Processor = (job: Job, token?: string) => Promise<unknown>;

/**
 * Every job runs inside a request context: its queue, id and the request id it carries
 * (`data.requestId`, set by the relay from the outbox row the request wrote), so every log line
 * written while it runs names the request that caused it; and it is counted by outcome.
 * (@nestjs/bullmq's ProcessorDecoratorService is its documented hook for wrapping processors.)
 */
ProcessorDecoratorService.prototype.decorate = function decorate(processor: Processor): Processor {
  return (job, token) => {
    const data = job.data as { requestId?: unknown } | null | undefined;
    const requestId = typeof data?.requestId === 'string' ? data.requestId : undefined;
    return requestContext.run({ requestId, queue: job.queueName, jobId: job.id }, async () => {
      try {
        const result = await processor(job, token);
        jobsProcessed.inc({ queue: job.queueName, name: job.name, outcome: 'completed' });
        return result;
      } catch (err) {
        jobsProcessed.inc({ queue: job.queueName, name: job.name, outcome: 'failed' });
        throw err;
      }
    });
  };
};

export const JOB_CONTEXT_INSTALLED = true;
