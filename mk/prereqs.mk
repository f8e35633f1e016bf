# `make test` and `make ci` start here: every prerequisite the machine must
# provide is checked before anything is built (see README, "Set up").

.PHONY: prereqs

prereqs: ## check for the tools make test needs and cannot install itself
	@CC="$(CC)" CXX="$(CXX)" mk/prereqs.sh
