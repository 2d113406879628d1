import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@causeway/common';

function collect(errors: ValidationError[], prefix: string, out: Record<string, string>): void {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const first = Object.values(e.constraints ?? {})[0];
    if (first && out[path] === undefined) out[path] = first;
    if (e.children?.length) collect(e.children, path, out);
  }
}

/** Flattens class-validator errors into `extensions.fields`: { "email": "must be an email address" }. */
export function validationFields(errors: ValidationError[]): Record<string, string> {
  const out: Record<string, string> = {};
  collect(errors, '', out);
  return out;
}

/** The one global pipe: whitelist, refuse unknown fields, transform, and one BAD_USER_INPUT shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => DomainError.badInput(validationFields(errors)),
  });
}
