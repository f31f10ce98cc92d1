// Runs a state machine definition with aws-local-stepfunctions, each Task answered by a simulated
// participant instead of SQS, and prints what happened as JSON on stdout.
//
//   node execute.mjs <definition.asl.json> <scenario.json>
//
// The scenario: {"input": {...}, "answers": {"<Task state>": [answer, ...]}}. A task's n-th send gets its
// n-th answer, the last one repeating: {"output": {...}} answers SendTaskSuccess with that reply,
// {"error": "Type", "cause": "why"} answers SendTaskFailure, {"noAnswer": true} never answers, so the
// task's TimeoutSeconds runs out. Retry waits are set to zero: the definition's intervals are checked by
// the Java tests, not waited for here.
//
// Prints {"status": "SUCCEEDED"|"FAILED", "output", "error", "cause", "states": [entered state names],
// "sends": [{"state", "parameters"}], "lastInput": the data of the last state entered}.

import { readFileSync } from 'node:fs';

// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node.js has from version 22 on.
if (typeof Promise.withResolvers !== 'function') {
	Promise.withResolvers = function withResolvers() {
		let resolve;
		let reject;
		const promise = new Promise((onResolve, onReject) => {
			resolve = onResolve;
			reject = onReject;
		});
		return { promise, resolve, reject };
	};
}

const { StateMachine } = await import('aws-local-stepfunctions');

const [definitionFile, scenarioFile] = process.argv.slice(2);
const definition = JSON.parse(readFileSync(definitionFile, 'utf8'));
const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));

const sends = [];
const sendsPerState = {};
const taskHandlers = {};
const noRetryWaits = {};

for (const [name, state] of Object.entries(definition.States)) {
	if (state.Type !== 'Task') {
		continue;
	}
	noRetryWaits[name] = 0;
	taskHandlers[name] = async (parameters) => {
		sends.push({ state: name, parameters });
		const answers = scenario.answers[name] ?? [];
		if (answers.length === 0) {
			throw new Error(`The scenario has no answer for ${name}`);
		}
		const count = sendsPerState[name] = (sendsPerState[name] ?? 0) + 1;
		const answer = answers[Math.min(count, answers.length) - 1];
		if (answer.noAnswer) {
			return new Promise(() => {});
		}
		if (answer.error) {
			const failure = new Error(answer.cause);
			failure.name = answer.error;
			throw failure;
		}
		return answer.output;
	};
}

const machine = new StateMachine(definition);
const execution = machine.run(scenario.input, {
	overrides: { taskResourceLocalHandlers: taskHandlers, retryIntervalOverrides: noRetryWaits },
	context: {
		Task: { Token: 'local-task-token' },
		State: { EnteredTime: '2026-12-03T12:00:00.000Z' },
	},
});

const states = [];
let lastInput = null;
const events = (async () => {
	for await (const event of execution.eventLogs) {
		if (event.type === 'StateEntered') {
			states.push(event.state.name);
			lastInput = event.state.input;
		}
	}
})();

const report = { states, sends };
try {
	report.output = await execution.result;
	report.status = 'SUCCEEDED';
}
catch (failure) {
	const cause = failure.cause ?? failure;
	report.status = 'FAILED';
	report.error = cause.name;
	report.cause = cause.cause ?? cause.message;
}
await events;
report.lastInput = lastInput;

process.stdout.write(JSON.stringify(report));
