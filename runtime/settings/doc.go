// Package settings resolves the runtime's connections, the WebHDFS
// endpoints and the Flink JobManager, from three sources, highest first:
//
//  1. flags: --webhdfs [NAMESERVICE=]URL[,URL…] (repeatable) and --flink URL
//     (Flags returns them for any urfave/cli command);
//  2. environment: COORDC_WEBHDFS (entries as the flag's, separated by ';')
//     and COORDC_FLINK;
//  3. the runtime block of .coordc.hcl (DecodeBody).
//
// A runtime block with every setting:
//
//	runtime {
//	  webhdfs {
//	    default_nameservice  = "ns1"
//	    user                 = "etl"
//	    delegation_token     = "…"
//	    ca_file              = "certs/ca.pem" # relative to the file
//	    insecure_skip_verify = false          # tests only
//	    nameservice "ns1" {
//	      endpoints = ["http://nn1:9870", "http://nn2:9870"]
//	    }
//	  }
//	  flink {
//	    url = "http://jobmanager:8081"
//	  }
//	  flink_sql {
//	    url         = "http://sql-gateway:8083"
//	    api_version = "v2" # optional: v1–v4; default: the newest both know
//	    timeout     = "2h" # optional: bound on one flink-sql action
//	  }
//	  smtp {
//	    host          = "smtp.example.com"
//	    port          = 587
//	    from          = "etl@example.com"
//	    starttls      = true
//	    username      = "etl"
//	    password_file = "secrets/smtp" # or password_env = "NAME"
//	  }
//	  ssh {
//	    known_hosts    = ["known_hosts"]
//	    identity_files = ["id_ed25519"]
//	    user           = "etl"
//	    remote_dir     = ".coordc-ssh"
//	  }
//	}
//
// The SQL Gateway of flink-sql actions (ResolveFlinkSQL) is
// --flink-sql-gateway URL, else COORDC_FLINK_SQL_GATEWAY, else the
// flink_sql block's url; its api_version and timeout come from the block.
// The SMTP server of email actions (ResolveSMTP) is --smtp HOST[:PORT],
// else COORDC_SMTP, else the smtp block's host and port; the rest of the
// block applies in every case. A password is never written in the file.
// The ssh block configures ssh actions' client (package sshrun); without
// it, Build uses ~/.ssh/known_hosts and the default keys when they exist.
//
// The first source that names WebHDFS endpoints supplies all of them; the
// user, the delegation token and TLS come from the file only. An entry
// without NAMESERVICE= serves the default nameservice (hdfs:///p; plain
// absolute paths are always local) and hdfs:// URIs whose host is its first endpoint's host, so
// `--webhdfs http://nn:9870` serves hdfs://nn:8020/p. Otherwise the
// default nameservice is the file's default_nameservice, or the only one.
// The user is the file's, else HADOOP_USER_NAME, else the login name.
//
// Build turns Settings into the runtime objects (a WebHDFS client, a Flink
// client and the hdfsstore.Storage over them) that `coordc eval` and
// `coordc apply` share, with an outage.Tracker that both clients report
// to (apply gives it its logger). The package does not read .coordc.hcl itself
// (package lint does, and hands over the runtime block) and does not run
// anything.
package settings
