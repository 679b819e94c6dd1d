//go:build !sdk_legacy

// Command descdump writes, as a binary google.protobuf.FileDescriptorSet on stdout, the protobuf
// schema of every service the Go and Java SDKs call on the platform, exactly as compiled into the
// pinned protocol module. The embedded platform (Python, no protoc) can load it with
// descriptor_pb2 + message_factory. Files come out dependencies first.
package main

import (
	"fmt"
	"os"

	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/opentdf/platform/protocol/go/kas"
	"github.com/opentdf/platform/protocol/go/policy/attributes"
	"github.com/opentdf/platform/protocol/go/policy/kasregistry"
	"github.com/opentdf/platform/protocol/go/policy/namespaces"
	"github.com/opentdf/platform/protocol/go/policy/subjectmapping"
	"github.com/opentdf/platform/protocol/go/wellknownconfiguration"
)

func main() {
	roots := []protoreflect.FileDescriptor{
		grpc_health_v1.File_grpc_health_v1_health_proto,
		wellknownconfiguration.File_wellknownconfiguration_wellknown_configuration_proto,
		kas.File_kas_kas_proto,
		attributes.File_policy_attributes_attributes_proto,
		kasregistry.File_policy_kasregistry_key_access_server_registry_proto,
		namespaces.File_policy_namespaces_namespaces_proto,
		subjectmapping.File_policy_subjectmapping_subject_mapping_proto,
	}
	set := &descriptorpb.FileDescriptorSet{}
	seen := map[string]bool{}
	var add func(fd protoreflect.FileDescriptor)
	add = func(fd protoreflect.FileDescriptor) {
		if seen[fd.Path()] {
			return
		}
		seen[fd.Path()] = true
		imports := fd.Imports()
		for i := 0; i < imports.Len(); i++ {
			add(imports.Get(i).FileDescriptor)
		}
		set.File = append(set.File, protodesc.ToFileDescriptorProto(fd))
	}
	for _, fd := range roots {
		add(fd)
	}
	out, err := proto.MarshalOptions{Deterministic: true}.Marshal(set)
	if err != nil {
		fmt.Fprintln(os.Stderr, "descdump:", err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}
