// The run's outcome as text: each failure with its check, operation, the exact request
// (a curl line, secrets as placeholders), the response, and how to reproduce it.
import { CHECKS } from './checks/index.js';
import { curlLine, redact } from './http.js';
import type { RunResult } from './runner.js';

const MAX_BODY = 1500;
/** Compact JWS (e.g. issued tokens) in printed responses. */
const JWS = /\beyJ[\w-]*\.[\w-]+\.[\w-]+/g;

export function formatReport(result: RunResult, reproduce: (operationId: string | undefined) => string): string {
  const lines: string[] = [];
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  if (result.warnings.length) lines.push('');
  result.failures.forEach((failure, i) => {
    const { request, response } = failure.exchange;
    lines.push(`${i + 1}. ${failure.check} — ${failure.target}`);
    lines.push(`   ${CHECKS[failure.check].description}`);
    lines.push(`   ${failure.summary}${failure.occurrences > 1 ? `  (seen ${failure.occurrences} times; first case shown)` : ''}`);
    if (failure.detail) for (const line of failure.detail.split('\n').slice(0, 6)) lines.push(`   ${line}`);
    lines.push(`   case: ${failure.exchange.case.check} #${failure.exchange.case.index}: ${failure.exchange.case.label}`);
    lines.push(`   request:  ${curlLine(request, result.secrets)}`);
    if (response.status === 0) {
      lines.push(`   response: none (${response.error})`);
    } else {
      const body = redact(response.body, result.secrets).replace(JWS, '<JWS redacted>');
      lines.push(`   response: ${response.status}${response.headers['content-type'] ? ` ${response.headers['content-type']}` : ''}${response.headers.allow ? ` (Allow: ${response.headers.allow})` : ''}`);
      if (body) lines.push(`   ${body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}… (${body.length} characters)` : body}`);
    }
    lines.push(`   reproduce: ${reproduce(failure.operationId)}`);
    lines.push('');
  });
  for (const error of result.errors) lines.push(`error: ${error}`);
  lines.push('');
  lines.push('requests per operation:');
  for (const t of result.targets) {
    const perCheck = Object.entries(t.requests).map(([check, n]) => `${check} ${n}`).join(', ');
    const answers = Object.entries(t.statuses).map(([status, n]) => `${status === '0' ? 'none' : status}×${n}`).join(' ');
    lines.push(`  ${t.target}: ${t.total} (${perCheck}) in ${(t.durationMs / 1000).toFixed(1)} s, answers ${answers}${t.failures ? `, ${t.failures} failing` : ''}`);
  }
  if (result.setupRequests) lines.push(`  bearer tokens obtained: ${result.setupRequests}`);
  const passed = result.failures.length === 0 && result.errors.length === 0;
  lines.push(
    `${passed ? 'PASSED' : 'FAILED'}: ${result.failures.length} failure(s), ${result.errors.length} error(s), ${result.totalRequests} requests in ${(result.durationMs / 1000).toFixed(1)} s against ${result.baseUrl} (seed ${result.seed})`,
  );
  return lines.join('\n');
}
