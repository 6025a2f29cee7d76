/** Domain errors of the agent tools; the controller maps them to HTTP at the edge. */
export class ToolNotFoundError extends Error {
  name = 'ToolNotFoundError';
  constructor(readonly tool: string) {
    super(`There is no agent tool named ${tool}.`);
  }
}

export class ApprovalConflictError extends Error {
  name = 'ApprovalConflictError';
  constructor(message: string, readonly currentStatus: string) {
    super(message);
  }
}

export class NotAnApproverError extends Error {
  name = 'NotAnApproverError';
  constructor(permission: string) {
    super(`Approving or rejecting an agent's request needs the "${permission}" permission.`);
  }
}
