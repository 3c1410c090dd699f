package org.nslab.helper.policy;

/**
 * The rules of the member policy, each with the id a refusal names and, in docs/security.md, the reason for it.
 * They bind members of the helper's group only; root is never refused by them.
 */
public enum PolicyRule {
    HOST_ADDRESS_RANGE("host-address-range"),
    HOST_ADDRESS_OVERLAP("host-address-overlap"),
    HOST_ROUTE_DEFAULT("host-route-default"),
    HOST_ROUTE_DEVICE("host-route-device"),
    HOST_ROUTE_RANGE("host-route-range"),
    HOST_ROUTE_OVERLAP("host-route-overlap"),
    HOST_SYSCTL_MACHINE_WIDE("host-sysctl-machine-wide"),
    HOST_SYSCTL_FOREIGN_INTERFACE("host-sysctl-foreign-interface"),
    HOST_SYSCTL_UNSAFE("host-sysctl-unsafe"),
    HOST_FIREWALL_POLICY("host-firewall-policy"),
    HOST_FIREWALL_NAT_OUTPUT("host-firewall-nat-output"),
    HOST_FIREWALL_UNCONFINED("host-firewall-unconfined"),
    TUN_OWNER("tun-owner"),
    TUN_GROUP("tun-group"),
    KERNEL_NAME_OF_ANOTHER_LAB("kernel-name-of-another-lab"),
    VXLAN_DEVICE("vxlan-device"),
    VXLAN_REMOTE("vxlan-remote"),
    VXLAN_LOCAL("vxlan-local"),
    VXLAN_PORT("vxlan-port"),
    VXLAN_VNI_RANGE("vxlan-vni-range"),
    VXLAN_VNI_TAKEN("vxlan-vni-taken"),
    VXLAN_IN_HOST("vxlan-in-host"),
    PROBE_HOST_TARGET("probe-host-target");

    private final String id;

    PolicyRule(String id) {
        this.id = id;
    }

    public String id() { return id; }
}
