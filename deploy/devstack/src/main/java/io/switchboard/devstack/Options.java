package io.switchboard.devstack;

/**
 * The launcher's options.
 *
 * @param gatewayAddress where the gateway listens: 127.0.0.1 unless {@code --public} (0.0.0.0) or
 *                       {@code SWITCHBOARD_GATEWAY_ADDRESS} opened it; everything else stays on 127.0.0.1
 * @param instances      how many instances of each service (gateway included) run, 1 unless {@code --instances N}
 */
record Options(boolean wipe, boolean withServices, String gatewayAddress, int instances) {

    static final String LOOPBACK = "127.0.0.1";
    static final String GATEWAY_ADDRESS_ENV = "SWITCHBOARD_GATEWAY_ADDRESS";
    static final int MAX_INSTANCES = 5;

    static final String USAGE = """
            usage: devstack [--wipe] [--no-services] [--public] [--instances N]
              --wipe         delete .devstack/ (database, Kafka topics, Keycloak users, secrets, logs) before starting
              --no-services  start PostgreSQL, Kafka, Keycloak and SMTP only
              --instances N  run N instances of every service, gateway included (1 to 5, default 1): instance k
                             (from 0) on its port + 1000 k (gateways :8080, :9080, ...); each gateway balances
                             between all instances of each service
              --public       let the gateway listen on all interfaces (0.0.0.0); everything else stays on 127.0.0.1.
                             SWITCHBOARD_GATEWAY_ADDRESS=<address> picks one interface instead""";

    /** @return the options, or null after printing help; exits 2 on an unknown option */
    static Options parse(String[] args) {
        boolean wipe = false;
        boolean withServices = true;
        String env = System.getenv(GATEWAY_ADDRESS_ENV);
        String gateway = env == null || env.isBlank() ? LOOPBACK : env.trim();
        int instances = 1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--instances") || arg.startsWith("--instances=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : "";
                instances = instances(value);
                continue;
            }
            switch (arg) {
                case "--wipe" -> wipe = true;
                case "--no-services" -> withServices = false;
                case "--public" -> gateway = "0.0.0.0";
                case "-h", "--help", "help" -> {
                    System.out.println(USAGE);
                    return null;
                }
                default -> {
                    System.err.println("devstack: unknown option " + arg + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        return new Options(wipe, withServices, gateway, instances);
    }

    private static int instances(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_INSTANCES) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        System.err.println("devstack: --instances needs a number from 1 to " + MAX_INSTANCES + ", got '" + value + "'\n" + USAGE);
        System.exit(2);
        return 1;
    }

    boolean gatewayOpened() {
        return !LOOPBACK.equals(gatewayAddress);
    }
}
