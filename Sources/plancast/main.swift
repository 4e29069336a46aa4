import PlanCastCLI

PlanCastCommand.runAsMain()
