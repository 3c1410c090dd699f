package org.nslab.helper.apply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.nslab.engine.json.Json;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.OperationJson;

/**
 * The JSON shape of the files under /run/nslab. Operations are written with their record name in {@code "op"}
 * so a journal or state written by one process can be read back by another after a restart. Addresses are
 * written by {@link OperationJson} as the strings they always were, so files written before operations were
 * typed still load (see the state/v1 fixtures).
 */
final class StateJson {
    private StateJson() {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Operation.CreateNamespace.class, name = "CreateNamespace"),
        @JsonSubTypes.Type(value = Operation.DeleteNamespace.class, name = "DeleteNamespace"),
        @JsonSubTypes.Type(value = Operation.CreateBridge.class, name = "CreateBridge"),
        @JsonSubTypes.Type(value = Operation.CreateVeth.class, name = "CreateVeth"),
        @JsonSubTypes.Type(value = Operation.CreateTun.class, name = "CreateTun"),
        @JsonSubTypes.Type(value = Operation.CreateVxlan.class, name = "CreateVxlan"),
        @JsonSubTypes.Type(value = Operation.DeleteLink.class, name = "DeleteLink"),
        @JsonSubTypes.Type(value = Operation.SetUp.class, name = "SetUp"),
        @JsonSubTypes.Type(value = Operation.SetDown.class, name = "SetDown"),
        @JsonSubTypes.Type(value = Operation.SetMtu.class, name = "SetMtu"),
        @JsonSubTypes.Type(value = Operation.SetMac.class, name = "SetMac"),
        @JsonSubTypes.Type(value = Operation.SetMaster.class, name = "SetMaster"),
        @JsonSubTypes.Type(value = Operation.SetNetem.class, name = "SetNetem"),
        @JsonSubTypes.Type(value = Operation.DeleteNetem.class, name = "DeleteNetem"),
        @JsonSubTypes.Type(value = Operation.AddAddress.class, name = "AddAddress"),
        @JsonSubTypes.Type(value = Operation.DeleteAddress.class, name = "DeleteAddress"),
        @JsonSubTypes.Type(value = Operation.AddRoute.class, name = "AddRoute"),
        @JsonSubTypes.Type(value = Operation.DeleteRoute.class, name = "DeleteRoute"),
        @JsonSubTypes.Type(value = Operation.SetSysctl.class, name = "SetSysctl"),
        @JsonSubTypes.Type(value = Operation.RestoreSysctl.class, name = "RestoreSysctl"),
        @JsonSubTypes.Type(value = Operation.LoadFirewall.class, name = "LoadFirewall"),
        @JsonSubTypes.Type(value = Operation.UnloadFirewall.class, name = "UnloadFirewall"),
        @JsonSubTypes.Type(value = Operation.SetHostname.class, name = "SetHostname"),
        @JsonSubTypes.Type(value = Operation.DeleteUts.class, name = "DeleteUts"),
        @JsonSubTypes.Type(value = Operation.WriteHosts.class, name = "WriteHosts"),
        @JsonSubTypes.Type(value = Operation.RemoveHosts.class, name = "RemoveHosts"),
    })
    interface OperationMixin {}

    /** Strict reading (these files are only ever written by this code); fields in record order, as they always were. */
    static final ObjectMapper MAPPER = Json.strict()
            .addMixIn(Operation.class, OperationMixin.class)
            .addModule(OperationJson.module())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
}
