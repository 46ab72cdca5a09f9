// The least privilege an AWS account needs, as IAM policies to paste (docs/aws.md repeats them). Actions
// and condition keys from the Service Authorization Reference:
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html,
// .../list_amazoneventbridge.html, .../list_amazoneventbridgescheduler.html, .../list_amazoncloudwatchlogs.html.
// RegisterTaskDefinition and RunTask hand the task and execution roles to ECS, which needs iam:PassRole
// on them (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html);
// PutTargets and UpdateSchedule hand the rule's and schedule's role on, too.

const READ_ONLY = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "BatchdeckWatch",
      Effect: "Allow",
      Action: [
        "ecs:DescribeClusters",
        "ecs:ListTasks",
        "ecs:DescribeTasks",
        "ecs:DescribeTaskDefinition",
        "events:ListRules",
        "events:ListTargetsByRule",
        "scheduler:ListSchedules",
        "scheduler:GetSchedule",
        "logs:FilterLogEvents",
      ],
      Resource: "*",
    },
  ],
};

const OPERATOR = {
  Version: "2012-10-17",
  Statement: [
    ...READ_ONLY.Statement,
    {
      Sid: "BatchdeckOperate",
      Effect: "Allow",
      Action: ["ecs:RunTask", "ecs:StopTask", "ecs:RegisterTaskDefinition", "events:PutTargets", "scheduler:UpdateSchedule"],
      Resource: "*",
    },
    {
      Sid: "BatchdeckPassTheJobRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: ["arn:aws:iam::<account-id>:role/<task-role>", "arn:aws:iam::<account-id>:role/<task-execution-role>", "arn:aws:iam::<account-id>:role/<events-or-scheduler-role>"],
      Condition: { StringEquals: { "iam:PassedToService": ["ecs-tasks.amazonaws.com", "events.amazonaws.com", "scheduler.amazonaws.com"] } },
    },
  ],
};

export const READ_ONLY_POLICY = JSON.stringify(READ_ONLY, null, 2);
export const OPERATOR_POLICY = JSON.stringify(OPERATOR, null, 2);

export const LEAST_PRIVILEGE = `// Watch (read-only accounts): jobs, runs and logs
${READ_ONLY_POLICY}
// Operate: also run, stop and redeploy (replace the role ARNs with the task, execution and rule/schedule roles)
${OPERATOR_POLICY}
// With a role to assume, its trust policy lets Batchdeck's identity call sts:AssumeRole with the external id
// (Condition: { "StringEquals": { "sts:ExternalId": "<external-id>" } }).`;
